/**
 * Prints its arguments, one per line: the compose file's {@code welcome} service uses it to tell the learner where to
 * look once the three services are healthy. A class of its own because the runtime images need not have a shell or
 * {@code echo}.
 */
public final class Banner {

	private Banner() {
	}

	public static void main(String[] args) {
		for (String line : args) {
			System.out.println(line);
		}
	}

}
