package com.exampleco.timesheets.batch.inbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The lines of one file that are not delivered because they are invalid, kept in a
 * temporary file beside the reports (a hidden {@code .spool-*} file in {@code failed/})
 * as they are found: a file with millions of bad lines costs disk space, not memory. They
 * come back in file order, to be merged with the API's rejections into the report.
 */
public final class InvalidLines implements AutoCloseable {

	private final Path dir;

	private Path spool;

	private DataOutputStream out;

	private int lines;

	private int errors;

	InvalidLines(Path dir) {
		this.dir = dir;
	}

	/**
	 * @param row the line as it should be written back for correction, or {@code null}
	 * when it is not copied (a line too long to hold)
	 */
	void add(int line, List<LineError> lineErrors, String row) throws IOException {
		if (this.out == null) {
			Files.createDirectories(this.dir);
			this.spool = Files.createTempFile(this.dir, ".spool-", ".tmp");
			this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(this.spool), 1 << 16));
		}
		this.out.writeInt(line);
		this.out.writeInt(lineErrors.size());
		for (LineError error : lineErrors) {
			writeText(error.field());
			writeText(error.reason());
		}
		writeText(row);
		this.lines++;
		this.errors += lineErrors.size();
	}

	/** Invalid lines (records) of the file. */
	public int lines() {
		return this.lines;
	}

	/** Reasons given, a line with two wrong fields counting two. */
	public int errors() {
		return this.errors;
	}

	/** The lines in file order; the iterator must be read while this is open. */
	public Iterator<NotDelivered> iterator() throws IOException {
		if (this.out == null) {
			return List.<NotDelivered>of().iterator();
		}
		this.out.flush();
		DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(this.spool), 1 << 16));
		int count = this.lines;
		return new Iterator<>() {

			private int read;

			@Override
			public boolean hasNext() {
				if (this.read == count) {
					closeQuietly(in);
					return false;
				}
				return true;
			}

			@Override
			public NotDelivered next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				try {
					int line = in.readInt();
					int n = in.readInt();
					List<LineError> lineErrors = new ArrayList<>(n);
					for (int i = 0; i < n; i++) {
						lineErrors.add(new LineError(line, readText(in), readText(in)));
					}
					this.read++;
					return new NotDelivered(line, lineErrors, readText(in));
				}
				catch (IOException ex) {
					closeQuietly(in);
					throw new UncheckedIOException(ex);
				}
			}

		};
	}

	@Override
	public void close() throws IOException {
		if (this.out != null) {
			this.out.close();
			Files.deleteIfExists(this.spool);
			this.out = null;
		}
	}

	private void writeText(String text) throws IOException {
		if (text == null) {
			this.out.writeInt(-1);
			return;
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		this.out.writeInt(bytes.length);
		this.out.write(bytes);
	}

	private static String readText(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static void closeQuietly(DataInputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// Read to its end or abandoned: nothing to keep.
		}
	}

}
