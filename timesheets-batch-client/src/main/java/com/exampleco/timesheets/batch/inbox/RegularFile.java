package com.exampleco.timesheets.batch.inbox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An inbox file opened for reading as what the job reads: a regular file in the inbox
 * itself, reached without following a symbolic link. Whoever can write into the inbox
 * could otherwise make the job (often running with more rights) read any file it can, and
 * copy that file's lines into {@code failed/}.
 *
 * <p>
 * The type is checked on the link itself ({@link LinkOption#NOFOLLOW_LINKS}) and the file
 * is opened with {@code O_NOFOLLOW}, so that a link swapped in between the check and the
 * open is refused, not followed. A FIFO swapped in at that moment would block the open
 * until someone writes to it: the open runs on a thread of its own, and is given up after
 * {@link #OPEN_TIMEOUT}.
 *
 * <p>
 * The file is read twice (once for its content hash, then to parse and deliver), so
 * {@link #stream} checks after every block that the file is still the one that was
 * hashed: same inode, size and modification time. Entries are parsed only from bytes read
 * before a successful check.
 */
final class RegularFile implements AutoCloseable {

	static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * A fresh daemon thread per open: one left blocked on a FIFO must not hold up the
	 * next file.
	 */
	private static final Executor OPENER = (task) -> {
		Thread thread = new Thread(task, "inbox-open");
		thread.setDaemon(true);
		thread.start();
	};

	private final Path path;

	private final FileChannel channel;

	private final BasicFileAttributes opened;

	private RegularFile(Path path, FileChannel channel, BasicFileAttributes opened) {
		this.path = path;
		this.channel = channel;
		this.opened = opened;
	}

	/**
	 * @throws FileRefusedException a symbolic link, not a regular file, or a file that
	 * cannot be opened
	 * @throws java.nio.file.NoSuchFileException the file is gone
	 * @throws IOException it was replaced while it was opened
	 */
	static RegularFile open(Path path) throws IOException {
		BasicFileAttributes before = attributes(path);
		refuseUnlessRegular(before);
		FileChannel channel = openWithin(path, OPEN_TIMEOUT);
		try {
			BasicFileAttributes after = attributes(path);
			refuseUnlessRegular(after);
			if (!Objects.equals(before.fileKey(), after.fileKey())) {
				throw new IOException("it was replaced while it was opened");
			}
			return new RegularFile(path, channel, after);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	static BasicFileAttributes attributes(Path path) throws IOException {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
	}

	static void refuseUnlessRegular(BasicFileAttributes attributes) throws FileRefusedException {
		if (attributes.isSymbolicLink()) {
			throw new FileRefusedException(
					"it is a symbolic link; the job reads regular files only and follows no link");
		}
		if (attributes.isDirectory()) {
			throw new FileRefusedException("it is a directory, not a regular file");
		}
		if (!attributes.isRegularFile()) {
			throw new FileRefusedException("it is not a regular file (a FIFO, socket or device?)");
		}
	}

	private static FileChannel openWithin(Path path, Duration timeout) throws IOException {
		CompletableFuture<FileChannel> opening = CompletableFuture.supplyAsync(() -> {
			try {
				return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, OPENER);
		try {
			return opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// Should the open ever return (a writer opened the FIFO), its channel is
			// closed, not leaked.
			opening.thenAccept(RegularFile::closeQuietly);
			throw new FileRefusedException(
					"it could not be opened within " + timeout.toSeconds() + " s; a FIFO put in its place?");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			opening.thenAccept(RegularFile::closeQuietly);
			throw new IOException("interrupted while opening it", ex);
		}
		catch (ExecutionException ex) {
			IOException failure = (ex.getCause() instanceof UncheckedIOException unchecked) ? unchecked.getCause()
					: new IOException(ex.getCause());
			if (failure instanceof java.nio.file.NoSuchFileException) {
				throw failure;
			}
			if (failure instanceof AccessDeniedException) {
				throw new FileRefusedException("it cannot be read: permission denied");
			}
			// ELOOP: a symbolic link swapped in after the check, refused by O_NOFOLLOW.
			throw new FileRefusedException("it cannot be opened: " + reason(failure));
		}
	}

	/**
	 * Why an I/O operation failed, without the path that
	 * {@link FileSystemException#getMessage} prepends.
	 */
	static String reason(IOException ex) {
		if (ex instanceof FileSystemException fileSystem) {
			return (fileSystem.getReason() != null) ? fileSystem.getReason() : fileSystem.getClass().getSimpleName();
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing was read from it.
		}
	}

	BasicFileAttributes attributes() {
		return this.opened;
	}

	/**
	 * The file from its first byte, each block added to {@code digest} and read only
	 * while the file is unchanged.
	 * @throws IOException from a read: "it changed while it was read"
	 */
	InputStream stream(MessageDigest digest) throws IOException {
		this.channel.position(0);
		return new FilterInputStream(Channels.newInputStream(this.channel)) {

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int read = super.read(buffer, offset, length);
				checkUnchanged();
				if (read > 0) {
					digest.update(buffer, offset, read);
				}
				return read;
			}

			/**
			 * The channel stays open for the next pass; {@link RegularFile#close} closes
			 * it.
			 */
			@Override
			public void close() {
			}

		};
	}

	/**
	 * The file is still the one opened: a producer writing into a file that was taken as
	 * finished is caught here.
	 */
	void checkUnchanged() throws IOException {
		BasicFileAttributes now;
		try {
			now = attributes(this.path);
		}
		catch (IOException ex) {
			throw new IOException("it changed while it was read (" + reason(ex) + ")", ex);
		}
		if (!Objects.equals(now.fileKey(), this.opened.fileKey()) || now.size() != this.opened.size()
				|| !now.lastModifiedTime().equals(this.opened.lastModifiedTime())) {
			throw new IOException("it changed while it was read (still being written?)");
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
