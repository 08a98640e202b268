package com.exampleco.authserver.token;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Brings every token request into one shape before Spring Security sees it, and refuses malformed ones in RFC 6749
 * §5.2 JSON rather than with a framework's HTML or empty answer:
 * <ul>
 *     <li>only {@code POST} (405 otherwise, with {@code Allow: POST});</li>
 *     <li>no client credentials in the URL, where they would end up in access logs (RFC 6749 §2.3.1); other
 *     parameters may come in the query, as browser tools such as Swagger UI send {@code audience};</li>
 *     <li>{@code application/x-www-form-urlencoded}, or {@code application/json} with the same fields as Auth0
 *     accepts, which is turned into request parameters here;</li>
 *     <li>no parameter more than once (RFC 6749 §3.2), and a {@code grant_type}.</li>
 * </ul>
 * It also turns any unexpected fault behind it into a {@code server_error} answer without a stack trace.
 */
@Component
@Order(TokenRequestFilter.ORDER)
public class TokenRequestFilter extends OncePerRequestFilter {

    /** Before Spring Security's filter chain (-100). */
    static final int ORDER = -110;
    static final Set<String> TOKEN_PATHS = Set.of(AuthorizationServerConfig.TOKEN_ENDPOINT,
            AuthorizationServerConfig.SPRING_TOKEN_ENDPOINT);
    private static final int MAX_JSON_BYTES = 16 * 1024;
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of(OAuth2ParameterNames.CLIENT_SECRET,
            "client_assertion");

    private static final Logger log = LoggerFactory.getLogger(TokenRequestFilter.class);

    private final TokenErrorResponder errors;
    private final ObjectMapper json;

    public TokenRequestFilter(TokenErrorResponder errors, ObjectMapper json) {
        this.errors = errors;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isTokenRequest(request);
    }

    /** Whether the request is for the token endpoint, under either of its paths. */
    static boolean isTokenRequest(HttpServletRequest request) {
        return TOKEN_PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            reject(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "The token endpoint accepts only "
                    + "POST, not " + request.getMethod() + " (RFC 6749 §3.2).");
            return;
        }
        String credentialInUrl = credentialInUrl(request);
        if (credentialInUrl != null) {
            reject(request, response, 400, "Send " + credentialInUrl + " in the request body or the Authorization "
                    + "header, never in the URL, where it would be written to access logs (RFC 6749 §2.3.1).");
            return;
        }
        HttpServletRequest normalized;
        try {
            normalized = normalize(request);
        } catch (BadTokenRequest e) {
            reject(request, response, 400, e.getMessage());
            return;
        }
        for (Map.Entry<String, String[]> parameter : normalized.getParameterMap().entrySet()) {
            if (parameter.getValue().length > 1) {
                reject(request, response, 400, "Parameter '" + parameter.getKey()
                        + "' was sent more than once; each parameter may appear only once (RFC 6749 §3.2).");
                return;
            }
        }
        if (normalized.getParameter(OAuth2ParameterNames.GRANT_TYPE) == null) {
            reject(request, response, 400, "Missing parameter: grant_type (this server issues tokens for "
                    + "grant_type=client_credentials).");
            return;
        }
        try {
            chain.doFilter(normalized, response);
        } catch (RuntimeException | ServletException e) {
            log.error("Token request failed unexpectedly: {}: {}", e.getClass().getName(), e.getMessage());
            if (!response.isCommitted()) {
                response.reset();
                errors.write(request, response, new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
                        "The authorization server could not complete the request; try again later.", null));
            }
        }
    }

    /** The name of a credential parameter found in the query string, or {@code null}. */
    private static String credentialInUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // not decodable: compared as it is
            }
            if (CREDENTIAL_PARAMETERS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private HttpServletRequest normalize(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null) {
            if (request.getContentLengthLong() > 0) {
                throw new BadTokenRequest("The request body has no Content-Type; use "
                        + "application/x-www-form-urlencoded or application/json.");
            }
            return request;
        }
        MediaType mediaType;
        try {
            mediaType = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new BadTokenRequest("Unreadable Content-Type; use application/x-www-form-urlencoded or "
                    + "application/json.");
        }
        if (MediaType.APPLICATION_FORM_URLENCODED.includes(mediaType)) {
            return request;
        }
        if (MediaType.APPLICATION_JSON.includes(mediaType)) {
            return new JsonParameters(request, readJson(request));
        }
        throw new BadTokenRequest("Unsupported Content-Type " + mediaType.getType() + "/" + mediaType.getSubtype()
                + "; use application/x-www-form-urlencoded or application/json.");
    }

    /** Auth0 accepts the token request as a JSON object of string fields; an array stands for a repeated field. */
    private Map<String, String[]> readJson(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_JSON_BYTES + 1);
        }
        if (body.length > MAX_JSON_BYTES) {
            throw new BadTokenRequest("The JSON body is larger than " + MAX_JSON_BYTES + " bytes.");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new BadTokenRequest("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new BadTokenRequest("The JSON body must be an object of string fields, e.g. "
                    + "{\"grant_type\":\"client_credentials\", ...}.");
        }
        // Query parameters, if any, stay; a field sent in both places counts as repeated.
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isString()) {
                parameters.merge(field.getKey(), new String[] {value.asString()}, TokenRequestFilter::concat);
            } else if (value.isArray() && value.valueStream().allMatch(JsonNode::isString)) {
                parameters.merge(field.getKey(), value.valueStream().map(JsonNode::asString).toArray(String[]::new),
                        TokenRequestFilter::concat);
            } else {
                throw new BadTokenRequest("Field '" + field.getKey() + "' must be a string.");
            }
        }
        return parameters;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, int status, String description)
            throws IOException {
        errors.write(request, response, new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null),
                HttpStatus.valueOf(status));
    }

    private static final class BadTokenRequest extends RuntimeException {
        BadTokenRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** The JSON body's fields presented as request parameters, where Spring Authorization Server looks for them. */
    private static final class JsonParameters extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        JsonParameters(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = Collections.unmodifiableMap(parameters);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_FORM_URLENCODED_VALUE;
        }
    }
}
