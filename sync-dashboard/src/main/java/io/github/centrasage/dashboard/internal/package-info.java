/**
 * The dashboard's machinery: routing, security checks, rendering and JSON. Not an API; it may
 * change in any release.
 */
package io.github.centrasage.dashboard.internal;
