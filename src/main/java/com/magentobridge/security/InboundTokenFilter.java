package com.magentobridge.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.magentobridge.config.BridgeProperties;

/** {@code Authorization: Bearer <BRIDGE_INBOUND_TOKEN>} authenticates the back office. */
public class InboundTokenFilter extends OncePerRequestFilter {

    private final BridgeProperties.Inbound inbound;

    public InboundTokenFilter(BridgeProperties.Inbound inbound) {
        this.inbound = inbound;
    }

    /** CXF answers through an async dispatch, which passes the security chain again. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && inbound.hasToken()
                && StaticCredentials.matches(inbound.getToken(), header.substring(7).trim())) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("back-office-token", null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + BridgeAuthenticationProvider.INBOUND))));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
