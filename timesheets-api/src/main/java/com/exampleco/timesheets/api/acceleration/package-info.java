/**
 * Optional speed-ups of access token verification, each behind its own
 * {@code timesheets.acceleration.*.enabled} property (default {@code true}); their
 * measured gains are in {@code docs/performance.md}. None changes which tokens are
 * accepted. Delete this package (and the ACCP profiles of the pom) and the API still
 * builds, passes its tests and verifies every token with Spring Security's decoder alone,
 * more slowly.
 */
package com.exampleco.timesheets.api.acceleration;
