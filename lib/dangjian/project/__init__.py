"""What every stage uses: output, table columns, a run's paths, parameter files, the cache.

- :mod:`~dangjian.project.io`: atomic writes, safe names and paths, Excel-safe cells, printable messages
- :mod:`~dangjian.project.schema`: the stored tables: their names, columns in order and types
- :mod:`~dangjian.project.layout`: the project's root, a run's folders, the names a run's files may have, the parameter roles there are
- :mod:`~dangjian.project.params`: parameter files, the roles notebooks declare in their parameters cell, checked strictly; the report specs of a project
- :mod:`~dangjian.project.cache`: the content-addressed cache and the fingerprint of the stages' code
"""
