"""The core's own plugins: they use the same hooks as any third party's."""
