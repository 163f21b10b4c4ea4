"""Example workshops shipped with lessonkit, for ``lessonkit demo``.

``manifest.json`` lists the session files beside it and, for each, which
ranking the demo prints. The files are built with the CLI alone by the scripts
in the repository's ``examples/`` folder.
"""
