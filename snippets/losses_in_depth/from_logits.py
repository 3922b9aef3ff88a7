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

# It is the cross-entropy of the softmax of the logits (here in float64 NumPy).
z = logits.astype("float64")
p = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
print(f"{-np.mean(np.log(p[[0, 1], labels])):.8f}")
#> 0.46961037

# The binary case: one logit per sample, no sigmoid in the model.
y_true = np.array([[0.0], [1.0]])
z = np.array([[-2.0], [2.0]], dtype="float32")
print(keras.losses.BinaryCrossentropy(from_logits=True)(y_true, z).numpy())
#> 0.126928
p = 1 / (1 + np.exp(-z.astype("float64")))
print(f"{-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)):.7f}")
#> 0.1269280
