/**
 * Optional speed-ups of token signing, each behind its own
 * {@code auth-server.acceleration.*.enabled} property (default {@code true}); their
 * measured gains are in {@code docs/performance.md}. None changes what a token contains
 * or which key signs it. Delete this package (and the ACCP profiles of the pom) and the
 * server still builds, passes its tests and signs every token with Nimbus's
 * {@code RSASSASigner} and the JDK, more slowly.
 */
package com.exampleco.authserver.acceleration;
