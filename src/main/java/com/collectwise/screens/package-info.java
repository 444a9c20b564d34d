/**
 * The language of the screens (collectwise.ui.language): which Tasklist form a user task shows (ScreenForms) and
 * what the application adds to Camunda's Tasklist, Cockpit and Admin: their configuration and a Chinese locale
 * (WebappCustomisation), without a change to the webapps' code.
 */
package com.collectwise.screens;
