package com.magentobridge;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.logging.LoggingSystem;

import com.magentobridge.config.ConfigCheckCommand;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class BridgeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ConfigCheckCommand.NAME)) {
            // the command's output is its lines only: the libraries' logging stays off
            LoggingSystem.get(BridgeApplication.class.getClassLoader()).beforeInitialize();
            System.exit(ConfigCheckCommand.run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out));
        }
        SpringApplication.run(BridgeApplication.class, args);
    }
}
