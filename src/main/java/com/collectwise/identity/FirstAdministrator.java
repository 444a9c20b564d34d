package com.collectwise.identity;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure somebody can log in to a fresh installation without a built-in password: while the
 * {@code camunda-admin} group has no member, the configured user is created with the configured
 * password, or with a generated one that is logged once and written to a file only the owner reads.
 */
final class FirstAdministrator {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    /** Characters that survive copy and paste into shells and login forms unquoted. */
    private static final String SPECIAL = "!#%+-=?@_";
    private static final int GENERATED_LENGTH = 24;

    private final AdminAccount account;
    private final SecureRandom random = new SecureRandom();

    FirstAdministrator(AdminAccount account) {
        this.account = account;
    }

    /** @return true when this start created the administrator */
    boolean ensure(IdentityService identity) {
        if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
            return false;
        }
        User existing = identity.createUserQuery().userId(account.user()).singleResult();
        if (existing != null) {
            // someone removed every administrator: promote the configured user, keep its password
            identity.createMembership(existing.getId(), Groups.CAMUNDA_ADMIN);
            LOG.warn("No member in group {}: made existing user '{}' an administrator again", Groups.CAMUNDA_ADMIN,
                existing.getId());
            return true;
        }

        User admin = identity.newUser(account.user());
        admin.setFirstName("Collectwise");
        admin.setLastName("Administrator");
        if (account.hasConfiguredPassword()) {
            createWithConfiguredPassword(identity, admin);
        }
        else {
            createWithGeneratedPassword(identity, admin);
        }
        identity.createMembership(admin.getId(), Groups.CAMUNDA_ADMIN);
        return true;
    }

    private void createWithConfiguredPassword(IdentityService identity, User admin) {
        admin.setPassword(account.password());
        PasswordPolicyResult check = identity.checkPasswordAgainstPolicy(account.password(), admin);
        if (check.isValid()) {
            identity.saveUser(admin);
        }
        else {
            // The operator chose this password on purpose; refusing to start would lock everybody out.
            // Say which rules it breaks (never the password itself) and keep it.
            LOG.warn("The configured password of administrator '{}' breaks the password policy ({}); it is used as"
                + " configured - change it in Admin", admin.getId(), check.getViolatedRules().stream()
                .map(rule -> rule.getPlaceholder()).collect(Collectors.joining(", ")));
            ((IdentityServiceImpl) identity).saveUser(admin, true);
        }
        LOG.info("Created first administrator '{}' with the configured password", admin.getId());
    }

    private void createWithGeneratedPassword(IdentityService identity, User admin) {
        String password = generatePassword();
        // a random draw may contain the user's id or name; a custom policy may ask for more than we make
        for (int attempt = 1; !identity.checkPasswordAgainstPolicy(password, admin).isValid(); attempt++) {
            if (attempt == 100) {
                throw new IllegalStateException("Cannot generate a password that satisfies the password policy;"
                    + " configure collectwise.admin.password (COLLECTWISE_ADMIN_PASSWORD)");
            }
            password = generatePassword();
        }
        admin.setPassword(password);
        identity.saveUser(admin);
        String where = writePasswordFile(password);
        LOG.warn("""

            *************************************************************************
            Collectwise: created the first administrator '{}'.
            Its generated password is:

                {}

            {}
            Log in at /camunda/app/admin/, change the password, then delete the file.
            This password is shown only this once.
            *************************************************************************""",
            admin.getId(), password, where);
    }

    String generatePassword() {
        List<Character> chars = new ArrayList<>(GENERATED_LENGTH);
        String all = UPPER + LOWER + DIGITS + SPECIAL;
        for (String mandatory : List.of(UPPER, LOWER, DIGITS, SPECIAL)) {
            chars.add(pick(mandatory));
        }
        while (chars.size() < GENERATED_LENGTH) {
            chars.add(pick(all));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        chars.forEach(password::append);
        return password.toString();
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    /** @return a sentence for the banner saying where the password was written (or why not) */
    private String writePasswordFile(String password) {
        Path file = account.passwordFile();
        if (file == null) {
            return "No password file is configured (collectwise.admin.password-file).";
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // created with owner-only rights, so there is no moment in which others could read it
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            else {
                Files.createFile(file);
                var f = file.toFile();
                f.setReadable(false, false);
                f.setReadable(true, true);
                f.setWritable(false, false);
                f.setWritable(true, true);
            }
            Files.writeString(file, password + System.lineSeparator());
            return "It is also in " + file.toAbsolutePath() + " (readable by its owner only).";
        }
        catch (IOException | RuntimeException e) {
            LOG.error("Could not write the administrator's password file {}: {}", file.toAbsolutePath(), e.toString());
            return "It could NOT be written to " + file.toAbsolutePath() + ": note it now.";
        }
    }
}
