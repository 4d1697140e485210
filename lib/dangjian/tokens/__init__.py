"""Tokens: words out of sentences, counted.

- :mod:`~dangjian.tokens.tokenize`: jieba/rjieba with the genre's dictionary and stopword lists
- :mod:`~dangjian.tokens.tokenized`: the tokens of many texts as term ids, tokenized once per run
- :mod:`~dangjian.tokens.dtm`: document-term matrices by any unit and grouping
- :mod:`~dangjian.tokens.kwic`: keyword in context
"""
