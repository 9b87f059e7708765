"""The survey of a year: codebook (kodbok.yml), answers (svar/*.xlsx), the län's own texts
(berattelse/<länskod>.md) and the counts the book shows. The contract is data/README.md."""
