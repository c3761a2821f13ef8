"""Article → facts: reading, furniture removal, gazetteer, entity and relation extraction."""
