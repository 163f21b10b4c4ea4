"""The built-in renderers of :class:`lessonkit.report.Document`.

Each module has ``render(document, options) -> str | bytes``:
:mod:`~lessonkit.renderers.markdown`, :mod:`~lessonkit.renderers.html` (with
:mod:`~lessonkit.renderers.svg` charts), :mod:`~lessonkit.renderers.text`,
:mod:`~lessonkit.renderers.jsondoc` and :mod:`~lessonkit.renderers.docx`
(needs the ``docx`` extra). They are imported only when used.
"""
