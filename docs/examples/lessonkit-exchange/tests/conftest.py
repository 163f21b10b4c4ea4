pytest_plugins = ["lessonkit.testing"]
