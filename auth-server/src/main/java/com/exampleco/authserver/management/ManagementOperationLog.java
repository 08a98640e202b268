package com.exampleco.authserver.management;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.exampleco.authserver.log.LogValues;
import com.exampleco.authserver.log.TenantLog;
import com.exampleco.authserver.log.TenantLogEvent;
import com.exampleco.authserver.log.TenantLogTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auth0's tenant log events for management operations: {@code sapi} when a change through
 * {@code /api/v2} succeeded, {@code fapi} when it was refused after authentication (a bad
 * body, a duplicate, an unknown id). Reads are not logged, as in Auth0. The event names
 * the management client, the method and the path pattern (never the path's values beyond
 * the pattern, nor the body: a created client's secret is in the answer, a metadata value
 * in the request) and the status.
 */
@Configuration(proxyBeanMethods = false)
class ManagementOperationLog implements HandlerInterceptor, WebMvcConfigurer {

	private final TenantLog log;

	private final Clock clock;

	ManagementOperationLog(TenantLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/v2/**");
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		String method = request.getMethod();
		if (!log.enabled() || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
				|| !(handler instanceof HandlerMethod controller)
				|| !controller.getBeanType().isAnnotationPresent(ManagementApi.class)) {
			return;
		}
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String path = pattern != null ? pattern.toString() : "/api/v2";
		int status = response.getStatus();
		boolean succeeded = status < 400 && ex == null;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("request", Map.of("method", method, "path", path));
		details.put("response", Map.of("statusCode", status));
		String clientId = managementClient();
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		log.record(TenantLogEvent.of(clock.instant(),
				succeeded ? TenantLogTypes.SUCCESS_API_OPERATION : TenantLogTypes.FAILED_API_OPERATION,
				(succeeded ? "Management API operation: " : "Failed management API operation: ") + method + " " + path,
				clientId, null, request.getRemoteAddr(), userAgent == null ? null : LogValues.safe(userAgent),
				LogValues.safe(request.getServerName()), null, null, details));
	}

	private static String managementClient() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			Object azp = jwt.getToken().getClaims().get("azp");
			return azp == null ? jwt.getName() : azp.toString();
		}
		return null;
	}

}
