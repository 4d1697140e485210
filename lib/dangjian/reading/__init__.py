"""Reading: documents off the disk, decoded and validated, and streamed one at a time.

- :mod:`~dangjian.reading.corpus`: a corpus folder and its ``metadata.csv``; decoding (UTF-8, UTF-16, GB18030, Big5)
- :mod:`~dangjian.reading.stream`: documents in and partitioned Parquet out, one document at a time
- :mod:`~dangjian.reading.formats`: text out of web pages, Word files and PDFs (``html``, ``docx``, ``pdf``)
"""
