package com.magentobridge.bench;

import java.net.URI;
import java.time.Clock;

import org.apache.hc.core5.http.message.BasicHttpRequest;

import com.magentobridge.magento.OAuth1Authentication;

/**
 * CPU cost of signing one Magento call (OAuth 1.0a HMAC-SHA256: nonce, base string, HMAC, header), no network: the
 * part of oauth1's per-call cost that is the bridge's own. Run alone:
 * {@code java -cp target/test-classes:target/classes:<deps> com.magentobridge.bench.SigningCost}.
 */
final class SigningCost {

    private SigningCost() {
    }

    /** Microseconds per signed request, after a warm-up, on one thread. */
    static double microsPerSignature(int signatures) {
        OAuth1Authentication signer = new OAuth1Authentication(new OAuth1Authentication.Credentials(
                "bench0consumer0key00000000000001", "bench0consumer0secret0000000001",
                "bench0integration0access0token01", "bench0access0token0secret000001"), Clock.systemUTC());
        URI search = URI.create("http://127.0.0.1:8080/rest/all/V1/orders?searchCriteria%5BfilterGroups%5D%5B0%5D"
                + "%5Bfilters%5D%5B0%5D%5Bfield%5D=updated_at&searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D"
                + "%5Bvalue%5D=2026-12-07%2010%3A00%3A00&searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D"
                + "%5BconditionType%5D=gteq&searchCriteria%5BpageSize%5D=100&searchCriteria%5BcurrentPage%5D=1");
        URI write = URI.create("http://127.0.0.1:8080/rest/all/V1/inventory/source-items");
        for (int i = 0; i < 20_000; i++) {
            signer.authenticate(new BasicHttpRequest("POST", i % 2 == 0 ? write : search));
        }
        long start = System.nanoTime();
        for (int i = 0; i < signatures; i++) {
            signer.authenticate(new BasicHttpRequest(i % 2 == 0 ? "POST" : "GET", i % 2 == 0 ? write : search));
        }
        return (System.nanoTime() - start) / 1e3 / signatures;
    }

    public static void main(String[] args) {
        for (int run = 0; run < 3; run++) {
            System.out.printf("%.1f µs per signed request (half source-items writes, half order searches)%n",
                    microsPerSignature(100_000));
        }
    }
}
