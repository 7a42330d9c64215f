package io.github.centrasage.spring.internal;

import io.github.centrasage.spring.SageRefreshTokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Keeps the refresh token in a file, replaced atomically so a crash never leaves half a token. */
public final class FileSageRefreshTokenStore implements SageRefreshTokenStore {
  private final Path file;

  public FileSageRefreshTokenStore(Path file) {
    this.file = file;
  }

  @Override
  public Optional<String> load() {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the Sage refresh token file " + file, e);
    }
  }

  @Override
  public void save(String refreshToken) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".sage-refresh-token", ".tmp");
      Files.writeString(tmp, refreshToken, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // losing a rotated refresh token locks the integration out: fail loudly (never with the token)
      throw new UncheckedIOException("Could not save the rotated Sage refresh token to " + file, e);
    }
  }

  @Override
  public String toString() {
    return "FileSageRefreshTokenStore[" + file + "]";
  }
}
