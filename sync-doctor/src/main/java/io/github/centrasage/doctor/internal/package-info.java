/** Implementation of the doctor's checks and report formats; not a public API. */
package io.github.centrasage.doctor.internal;
