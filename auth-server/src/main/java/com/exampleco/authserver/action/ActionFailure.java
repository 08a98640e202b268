package com.exampleco.authserver.action;

/**
 * An Action that did not complete: it threw (or its promise rejected), or it was stopped
 * at a limit. The message is the Action's own error message, or which limit stopped it.
 */
final class ActionFailure extends RuntimeException {

	enum Kind {

		ERROR, TIMEOUT, MEMORY

	}

	private final Kind kind;

	ActionFailure(Kind kind, String message) {
		super(message, null, false, false);
		this.kind = kind;
	}

	Kind kind() {
		return kind;
	}

}
