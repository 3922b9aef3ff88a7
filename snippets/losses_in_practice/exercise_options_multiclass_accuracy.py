import keras
import numpy as np

# Logits of a three-class model for 1000 samples, and integer labels.
rng = np.random.default_rng(0)
z = rng.normal(size=(1000, 3)).astype("float32")
labels = rng.integers(0, 3, size=1000)
p = keras.ops.softmax(z).numpy()

# The accuracy of several classes takes the argmax, the largest entry ...
on_logits = keras.metrics.SparseCategoricalAccuracy()
on_logits.update_state(labels, z)
on_probs = keras.metrics.SparseCategoricalAccuracy()
on_probs.update_state(labels, p)
print(f"{float(on_logits.result()):.4f} {float(on_probs.result()):.4f}")
#> 0.3250 0.3250
# ... and softmax keeps the order of the logits, so the argmax is the same.
print(np.array_equal(np.argmax(z, axis=1), np.argmax(p, axis=1)))
#> True
