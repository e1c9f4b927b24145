package com.magentobridge.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.magentobridge.config.BridgeProperties;

/** HTTP Basic against the two configured accounts: the back office (ROLE_INBOUND) and ops (ROLE_OPS). */
public class BridgeAuthenticationProvider implements AuthenticationProvider {

    public static final String INBOUND = "INBOUND";
    public static final String OPS = "OPS";

    private final BridgeProperties properties;

    public BridgeAuthenticationProvider(BridgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        List<GrantedAuthority> roles = new ArrayList<>();
        BridgeProperties.Inbound inbound = properties.getInbound();
        if (inbound.hasBasic() && StaticCredentials.matches(inbound.getUsername(), user)
                && StaticCredentials.matches(inbound.getPassword(), password)) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + INBOUND));
        }
        BridgeProperties.Ops ops = properties.getOps();
        if (ops.hasBasic() && StaticCredentials.matches(ops.getUsername(), user)
                && StaticCredentials.matches(ops.getPassword(), password)) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + OPS));
        }
        if (roles.isEmpty()) {
            throw new BadCredentialsException("Wrong user name or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
