/**
 * The Sage 200 records the client reads and writes, as Immutables value types with snake_case JSON.
 */
@SageStyle
package io.github.centrasage.sage200.model;

import io.github.centrasage.sage200.internal.SageStyle;
