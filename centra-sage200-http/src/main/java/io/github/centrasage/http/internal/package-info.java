/** Implementation shared by the two clients; not an API: it changes without notice. */
package io.github.centrasage.http.internal;
