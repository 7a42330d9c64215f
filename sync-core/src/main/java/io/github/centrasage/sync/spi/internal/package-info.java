/** Not API: the Immutables style shared by the module's value types. */
package io.github.centrasage.sync.spi.internal;
