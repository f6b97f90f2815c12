-- Available-to-promise of a random sku of the scale set.
\set k random(1, :skus)
SELECT @schema@.atp('c7-' || :k);
