/**
 * Instalment agreements (分期付款): the proposed schedule, its approval, the matching of payments to
 * instalments and acceleration (Civil Code art. 634); also the acknowledgements of the debt that move the
 * limitation date. Delegates of Process_InstalmentAgreement live here beside the services.
 */
package com.collectwise.agreements;
