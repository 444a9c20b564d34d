/**
 * Instalment agreements (分期付款): the proposed schedule, its approval, the matching of payments to
 * instalments and acceleration (Civil Code art. 634); also the acknowledgements of the debt that move the
 * limitation date. One delegate class per task of Process_InstalmentAgreement lives here beside the services.
 */
package com.collectwise.agreements;
