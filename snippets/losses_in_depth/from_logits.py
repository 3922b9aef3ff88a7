import keras
import numpy as np

# Raw scores (logits) of a last layer without activation:
# two samples, three classes.
logits = np.array([[1.0, 3.0, 1.0], [0.5, 0.1, 1.0]], dtype="float32")
labels = np.array([1, 2])
one_hot = keras.utils.to_categorical(labels, num_classes=3)

# from_logits=True: the loss takes the logits,
# with one-hot or with integer labels.
cce = keras.losses.CategoricalCrossentropy(from_logits=True)
print(cce(one_hot, logits).numpy())
#> 0.46961045
sparse_cce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print(sparse_cce(labels, logits).numpy())
#> 0.46961045

# It is the cross-entropy of the softmax of the logits. In float64 NumPy,
# and how far Keras' float32 result is from it: the difference, and the
# number of float32 steps (ulps) from the float64 value rounded to float32.
z = logits.astype("float64")
p = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
exact = -np.mean(np.log(p[[0, 1], labels]))
value = cce(one_hot, logits).numpy()
steps = int(value.view(np.int32)) - int(np.float32(exact).view(np.int32))
print(f"{exact:.10f} {np.float32(exact)!s} {float(value) - exact:.2e} {steps}")
#> 0.4696103739 0.46961036 7.88e-08 3

# Those probabilities, in float32, with the default from_logits=False.
probabilities = p.astype("float32")
print(keras.losses.CategoricalCrossentropy()(one_hot, probabilities).numpy())
#> 0.46961036

# The binary case: one logit per sample, no sigmoid in the model.
y_true = np.array([[0.0], [1.0]])
z = np.array([[-2.0], [2.0]], dtype="float32")
print(keras.losses.BinaryCrossentropy(from_logits=True)(y_true, z).numpy())
#> 0.126928
p = 1 / (1 + np.exp(-z.astype("float64")))
print(f"{-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)):.7f}")
#> 0.1269280
