/**
 * Typed client for the Sage 200 REST/OData API: build one {@code Sage200Client} and share it across threads.
 */
@SageStyle
package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageStyle;
