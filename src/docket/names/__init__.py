"""Name normalisation, transliteration keys and matching across scripts. Pure library."""
