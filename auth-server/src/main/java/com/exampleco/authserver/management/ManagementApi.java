package com.exampleco.authserver.management;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the management API ({@code /api/v2/**}): its errors are answered in
 * Auth0's management error shape by {@link ManagementErrors}, whichever package the
 * controller lives in (e.g. {@code log/} for {@code /api/v2/logs}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ManagementApi {

}
