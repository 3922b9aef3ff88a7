import keras
import numpy as np

# The last layer is Dense(3) with no activation: it outputs logits.
logits = np.array([[0.5, 1.0, 3.0], [2.0, 0.0, -1.0]], dtype="float32")
# The labels are class indices: sample 0 is class 2, sample 1 is class 0.
labels = np.array([2, 0])

# Integer labels and logits: the sparse loss with from_logits=True.
sparse_cce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print(sparse_cce(labels, logits).numpy())
#> 0.1832901

# The same labels as one-hot rows, for CategoricalCrossentropy.
one_hot = keras.utils.to_categorical(labels, num_classes=3)
print(one_hot)
'''
[[0. 0. 1.]
 [1. 0. 0.]]
'''
cce = keras.losses.CategoricalCrossentropy(from_logits=True)
print(cce(one_hot, logits).numpy())
#> 0.1832901
