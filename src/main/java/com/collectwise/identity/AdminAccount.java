package com.collectwise.identity;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator from {@code collectwise.admin.*}. An empty password means "generate one
 * and hand it over through {@link #passwordFile()}", the way Jenkins does on its first start.
 */
@ConfigurationProperties(prefix = "collectwise.admin")
public record AdminAccount(String user, String password, Path passwordFile) {

    public AdminAccount {
        user = user == null || user.isBlank() ? "admin" : user.trim();
    }

    boolean hasConfiguredPassword() {
        return password != null && !password.isEmpty();
    }

    /** Never prints the password: this object ends up in logs and error messages. */
    @Override
    public String toString() {
        return "AdminAccount[user=" + user + ", password=" + (hasConfiguredPassword() ? "(configured)" : "(generated)")
            + ", passwordFile=" + passwordFile + "]";
    }
}
