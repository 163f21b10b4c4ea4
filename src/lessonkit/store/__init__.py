"""Session stores: where a session lives between changes (see :mod:`lessonkit.store.journal`)."""
