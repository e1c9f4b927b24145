package com.magentobridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CorrelationFilterTest {

    @BeforeEach
    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void idsSetWhileARequestIsServedAreGoneWhenItEnds() throws Exception {
        MockFilterChain exportNow = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request,
                                   jakarta.servlet.http.HttpServletResponse response) {
                Correlation.flow("orders-export");
            }
        });

        new CorrelationFilter().doFilter(new MockHttpServletRequest("POST", "/ops/orders/export"),
                new MockHttpServletResponse(), exportNow);

        assertThat(Correlation.snapshot()).isEmpty();
        assertThat(MDC.get(Correlation.SUMMARY)).isNull();
    }
}
