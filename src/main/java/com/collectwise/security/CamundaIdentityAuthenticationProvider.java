package com.collectwise.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against the Camunda identity store. The authorities are the user's
 * Camunda group ids as they are ({@code integration}, {@code finance}, ...), so the access rules
 * read like the group table of the design.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final UserDirectory users;

    public CamundaIdentityAuthenticationProvider(UserDirectory users) {
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (!users.checkPassword(userId, credentials == null ? null : credentials.toString())) {
            throw new BadCredentialsException("Bad credentials");
        }
        List<GrantedAuthority> groups = users.groupsOf(userId).stream()
            .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
