package dev.salespipeline.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The identity provider of the local stack: it signs JWT bearer tokens for a fixed set of demo users, which the
 * services accept because the launcher configures them with its public key
 * ({@value #PUBLIC_KEY_LOCATION_VARIABLE}).
 *
 * <p>The RSA key pair lives in {@code <data-dir>/dev-identity/}: {@code private.pem} (PKCS#8, readable by its owner
 * only where the file system has POSIX permissions) and {@code public.pem} (X.509 SubjectPublicKeyInfo). It is
 * generated on first use and reused afterwards, so tokens stay valid across restarts of the stack. Delete the directory
 * to start over with a new pair.
 *
 * <p>Tokens are compact JWS, RS256, with a {@code kid} header (the RFC 7638 thumbprint of the public key) and the
 * claims {@code iss} ({@value #ISSUER}), {@code sub}, {@code name}, {@code roles}, {@code team} (when the user has
 * one), {@code iat} and {@code exp}. Those the {@link DevIdentityProvider} issues to a client carry its address as
 * {@code iss} instead, and the client's id as {@code azp}.
 *
 * <p>This class is for local development only. It is part of the launcher and of no service, so no setting of a
 * deployed service can make it trust tokens signed here.
 */
public final class DevIdentity {

    /** The {@code iss} claim of every token. */
    public static final String ISSUER = "sales-pipeline-local-dev";

    /** The environment variable through which a service is told where the public key is. */
    public static final String PUBLIC_KEY_LOCATION_VARIABLE = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION";

    /** The directory under the data directory that holds the key pair. */
    public static final String DIRECTORY = "dev-identity";

    /** How long a token is valid unless told otherwise: a working day. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(8);

    private static final int KEY_SIZE = 2048;
    private static final String PRIVATE_KEY_FILE = "private.pem";
    private static final String PUBLIC_KEY_FILE = "public.pem";
    private static final String LOCK_FILE = ".lock";
    private static final String PRIVATE_KEY_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_KEY_LABEL = "PUBLIC KEY";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("ada", "Ada Adler", List.of("admin"), null),
            new DemoUser("max", "Max Moser", List.of("manager"), "north"),
            new DemoUser("nina", "Nina Novak", List.of("manager"), "south"),
            new DemoUser("anna", "Anna Berg", List.of("rep"), "north"),
            new DemoUser("ben", "Ben Brandt", List.of("rep"), "north"),
            new DemoUser("sam", "Sam Seidel", List.of("rep"), "south"),
            new DemoUser("vera", "Vera Vogt", List.of("viewer"), null),
            new DemoUser("telephony", "Telephony integration", List.of("integration"), null));

    /** Serialises key pair creation within this JVM; a file lock does the same between processes. */
    private static final Object CREATION_LOCK = new Object();

    private final Path directory;
    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final boolean keyPairCreated;

    private DevIdentity(Path directory, RSAPrivateCrtKey privateKey, boolean keyPairCreated) {
        this.directory = directory;
        this.privateKey = privateKey;
        this.publicKey = publicKeyOf(privateKey);
        this.keyId = thumbprint(publicKey);
        this.keyPairCreated = keyPairCreated;
    }

    /**
     * The identity whose key pair is kept in {@code <dataDir>/dev-identity/}, generating the pair if there is none
     * yet. Safe to call from several threads or processes at once: they all end up with the same pair.
     *
     * @throws UncheckedIOException  if the directory or the files cannot be read or written
     * @throws IllegalStateException if {@code private.pem} is there but is not an RSA private key in PKCS#8 PEM
     */
    public static DevIdentity open(Path dataDir) {
        Path directory = dataDir.resolve(DIRECTORY).toAbsolutePath().normalize();
        synchronized (CREATION_LOCK) {
            try {
                createDirectory(directory);
                try (FileChannel lockFile = FileChannel.open(directory.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    lockFile.lock(); // released when the channel is closed
                    return loadOrCreate(directory);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read or write the development key pair in " + directory, e);
            }
        }
    }

    /** The demo users, in the order they are listed to people. */
    public static List<DemoUser> demoUsers() {
        return DEMO_USERS;
    }

    /** The demo user with this id, if there is one. */
    public static Optional<DemoUser> demoUser(String id) {
        return DEMO_USERS.stream().filter(user -> user.id().equals(id)).findFirst();
    }

    /** The directory holding the key pair. */
    public Path directory() {
        return directory;
    }

    /** The public key's file, {@code public.pem}. */
    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE);
    }

    /** The private key's file, {@code private.pem}. */
    public Path privateKeyFile() {
        return directory.resolve(PRIVATE_KEY_FILE);
    }

    /** {@code file:} and the absolute path of {@code public.pem}: the value of {@value #PUBLIC_KEY_LOCATION_VARIABLE}. */
    public String publicKeyLocation() {
        return "file:" + publicKeyFile();
    }

    /** The public key that verifies the tokens. */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The {@code kid} header of the tokens: the RFC 7638 JWK thumbprint (SHA-256) of the public key. */
    public String keyId() {
        return keyId;
    }

    /**
     * The public key as a JSON Web Key (RFC 7517) for a JWK set: {@code kty} RSA, {@code kid} {@link #keyId()},
     * {@code use} sig, {@code alg} RS256, and the modulus {@code n} and exponent {@code e} base64url-encoded.
     */
    Map<String, Object> publicJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", BASE64URL.encodeToString(unsigned(publicKey.getModulus())));
        jwk.put("e", BASE64URL.encodeToString(unsigned(publicKey.getPublicExponent())));
        return jwk;
    }

    /** Whether {@link #open(Path)} generated the key pair, rather than finding it in the directory. */
    public boolean keyPairCreated() {
        return keyPairCreated;
    }

    /** A token for a demo user, valid for {@link #DEFAULT_TOKEN_LIFETIME}. */
    public String issueToken(String userId) {
        return issueToken(userId, DEFAULT_TOKEN_LIFETIME);
    }

    /**
     * A signed token for a demo user, valid from now for {@code lifetime}.
     *
     * @throws IllegalArgumentException if there is no demo user with this id (the message lists them), or the lifetime
     *                                  is not positive
     */
    public String issueToken(String userId, Duration lifetime) {
        return issueToken(userId, lifetime, Instant.now());
    }

    /**
     * A signed token for a demo user, valid from now for {@code lifetime}, as the {@link DevIdentityProvider} hands it
     * to a client: with {@code issuer} as {@code iss} instead of {@value #ISSUER}, and the client's id as {@code azp}.
     *
     * @throws IllegalArgumentException if there is no demo user with this id, or the lifetime is not positive
     */
    public String issueToken(String userId, Duration lifetime, String issuer, String authorizedParty) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizedParty, "authorizedParty");
        return issueToken(userId, lifetime, Instant.now(), issuer, authorizedParty);
    }

    String issueToken(String userId, Duration lifetime, Instant issuedAt) {
        return issueToken(userId, lifetime, issuedAt, ISSUER, null);
    }

    String issueToken(String userId, Duration lifetime, Instant issuedAt, String issuer, String authorizedParty) {
        DemoUser user = knownUser(userId);
        long iat = issuedAt.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", user.id());
        if (authorizedParty != null) {
            claims.put("azp", authorizedParty);
        }
        claims.put("name", user.name());
        claims.put("roles", user.roles());
        if (user.team() != null) {
            claims.put("team", user.team());
        }
        claims.put("iat", iat);
        claims.put("exp", expiry(iat, lifetime));
        return sign(claims);
    }

    /**
     * An OpenID Connect ID token for a demo user: RS256, with the claims {@code iss}, {@code sub}, {@code aud} (the
     * client's id), {@code nonce} (when the client sent one), {@code name}, {@code iat} and {@code exp}. It tells the
     * client who signed in; the services do not take it, they take the access token of {@link #issueToken}.
     *
     * @throws IllegalArgumentException if there is no demo user with this id, or the lifetime is not positive
     */
    String issueIdToken(String userId, String audience, String nonce, Duration lifetime, String issuer,
            Instant issuedAt) {
        DemoUser user = knownUser(userId);
        long iat = issuedAt.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", Objects.requireNonNull(issuer, "issuer"));
        claims.put("sub", user.id());
        claims.put("aud", Objects.requireNonNull(audience, "audience"));
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        claims.put("name", user.name());
        claims.put("iat", iat);
        claims.put("exp", expiry(iat, lifetime));
        return sign(claims);
    }

    private static DemoUser knownUser(String userId) {
        return demoUser(userId).orElseThrow(() -> new IllegalArgumentException("Unknown user '" + userId
                + "'; the demo users are " + DEMO_USERS.stream().map(DemoUser::id).collect(Collectors.joining(", "))));
    }

    private static long expiry(long iat, Duration lifetime) {
        if (lifetime.getSeconds() < 1) {
            throw new IllegalArgumentException("A token's lifetime must be at least a second, got " + lifetime);
        }
        return Math.addExact(iat, lifetime.getSeconds());
    }

    /** The compact JWS of these claims: RS256, with the {@code kid} of this identity's key. */
    private String sign(Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        String signingInput = base64url(Json.write(header)) + "." + base64url(Json.write(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token with RS256", e);
        }
    }

    private static DevIdentity loadOrCreate(Path directory) throws IOException {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        boolean created = false;
        RSAPrivateCrtKey privateKey;
        if (Files.exists(privateFile)) {
            privateKey = readPrivateKey(privateFile);
        } else {
            privateKey = generate();
            writeAtomically(privateFile, pem(PRIVATE_KEY_LABEL, privateKey.getEncoded()), true);
            created = true;
        }
        // the private key is the reference: public.pem is written again if it is missing or belongs to another key
        String publicPem = pem(PUBLIC_KEY_LABEL, publicKeyOf(privateKey).getEncoded());
        if (!Files.exists(publicFile) || !Files.readString(publicFile, StandardCharsets.US_ASCII).equals(publicPem)) {
            writeAtomically(publicFile, publicPem, false);
        }
        return new DevIdentity(directory, privateKey, created);
    }

    private static RSAPrivateCrtKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM cannot generate RSA keys", e);
        }
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + PRIVATE_KEY_LABEL + "-----";
        String end = "-----END " + PRIVATE_KEY_LABEL + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw unusable(file, "it is not a PKCS#8 PEM file (" + begin + ")", null);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof RSAPrivateCrtKey crtKey)) {
                throw unusable(file, "it lacks the public exponent (not a CRT key)", null);
            }
            if (crtKey.getModulus().bitLength() < KEY_SIZE) {
                throw unusable(file, "the key has fewer than " + KEY_SIZE + " bits", null);
            }
            return crtKey;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw unusable(file, "it does not hold an RSA private key", e);
        }
    }

    private static IllegalStateException unusable(Path file, String reason, Exception cause) {
        return new IllegalStateException("Cannot use " + file + ": " + reason + ". Delete " + file.getParent()
                + " to have a new key pair generated (tokens issued before then become invalid).", cause);
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive the public key", e);
        }
    }

    /** RFC 7638: SHA-256 of {@code {"e":…,"kty":"RSA","n":…}}, base64url-encoded. */
    private static String thumbprint(RSAPublicKey key) {
        String jwk = "{\"e\":\"" + BASE64URL.encodeToString(unsigned(key.getPublicExponent()))
                + "\",\"kty\":\"RSA\",\"n\":\"" + BASE64URL.encodeToString(unsigned(key.getModulus())) + "\"}";
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(jwk.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** The big-endian bytes without the sign byte that {@link BigInteger#toByteArray()} may put in front. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String pem(String label, byte[] der) {
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + label + "-----\n" + encoder.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (supportsPosix(directory)) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Writes a file under a temporary name, then renames it, so that a reader sees either no file or all of it. A
     * secret file is created readable by its owner only before anything is written to it.
     */
    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && supportsPosix(file.getParent())) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
            if (secret) {
                // no POSIX permissions on this file system: take away from others what it lets us, best effort
                File plain = temporary.toFile();
                plain.setReadable(false, false);
                plain.setReadable(true, true);
                plain.setWritable(false, false);
                plain.setWritable(true, true);
            }
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean supportsPosix(Path directory) throws IOException {
        return Files.getFileStore(directory).supportsFileAttributeView("posix");
    }

    /**
     * A user for whom tokens can be issued.
     *
     * @param id    the {@code sub} claim, and what is passed to {@link #issueToken(String, Duration)}
     * @param name  the {@code name} claim
     * @param roles the {@code roles} claim: admin, manager, rep, viewer or integration
     * @param team  the {@code team} claim, or {@code null} for a user outside the sales teams
     */
    public record DemoUser(String id, String name, List<String> roles, String team) {

        public DemoUser {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
        }
    }
}
