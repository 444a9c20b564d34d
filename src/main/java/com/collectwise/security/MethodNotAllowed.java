package com.collectwise.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The last rule of the API chain: a request none of the table's rules matched. Administrators may do anything; any
 * other signed-in user is let through only when the path is an endpoint that does not take the method (POST on
 * {@code /api/calendar/2030}), so that Spring MVC answers what is true, 405 with {@code Allow}, instead of a 403 that
 * says "not for you" about a call nobody may make. Anonymous callers still get 401 (the authentication entry point
 * answers before this rule), and a path that is no endpoint stays 403 for non-administrators.
 */
final class MethodNotAllowed implements AuthorizationManager<RequestAuthorizationContext> {

    private final String adminAuthority;
    private final Supplier<RequestMappingHandlerMapping> handlers;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    MethodNotAllowed(String adminAuthority, Supplier<RequestMappingHandlerMapping> handlers) {
        this.adminAuthority = adminAuthority;
        this.handlers = handlers;
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication user = authentication.get();
        if (user == null || !user.isAuthenticated() || trust.isAnonymous(user)) {
            return new AuthorizationDecision(false);
        }
        boolean admin = user.getAuthorities().stream().anyMatch(a -> adminAuthority.equals(a.getAuthority()));
        return new AuthorizationDecision(admin || onlyTheMethodIsWrong(context.getRequest()));
    }

    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return (AuthorizationDecision) authorize(authentication, context);
    }

    private boolean onlyTheMethodIsWrong(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = handlers.get();
        if (mapping == null) {
            return false;
        }
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            ServletRequestPathUtils.parseAndCache(request);
            mapping.getHandler(request);
            return false; // a handler takes it, or none: the table decides (403)
        } catch (HttpRequestMethodNotSupportedException e) {
            return true;
        } catch (Exception e) {
            return false;
        } finally {
            if (previous == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
            }
        }
    }
}
