/** Implementation of the Sage 200 client; not part of the public API. */
package io.github.centrasage.sage200.internal;
