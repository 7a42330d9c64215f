/**
 * The go-live doctor: read-only checks of a Centra tenant, a Sage 200 company, the mappings, the
 * master data and the set-up, run before the first write (and any time after). {@link
 * io.github.centrasage.doctor.Doctor} runs them and returns a {@link
 * io.github.centrasage.doctor.DoctorReport}; {@link io.github.centrasage.doctor.DoctorMain} is the
 * command line. See docs/doctor.md.
 */
package io.github.centrasage.doctor;
