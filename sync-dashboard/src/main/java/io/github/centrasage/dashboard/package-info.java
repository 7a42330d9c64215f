/**
 * An embeddable operations page and JSON status API for a running sync engine, served on a port of
 * its own by the JDK's HTTP server ({@link io.github.centrasage.dashboard.SyncDashboard}) or under a
 * path by a web application's servlet container ({@link io.github.centrasage.dashboard.DashboardServlet}).
 */
package io.github.centrasage.dashboard;
