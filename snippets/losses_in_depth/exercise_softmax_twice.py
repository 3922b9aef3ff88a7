import warnings

import keras
import numpy as np

# The article's predictions: already probabilities (each row adds up to 1).
one_hot = np.array([[0, 1, 0], [0, 0, 1]])
probabilities = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]])

# The right loss for probabilities: the default from_logits=False.
print(keras.losses.CategoricalCrossentropy()(one_hot, probabilities).numpy())
#> 0.39925388

# The mistake: the same probabilities, but the loss expects logits.
cce = keras.losses.CategoricalCrossentropy(from_logits=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = cce(one_hot, probabilities)
# No error and no warning: just another number.
print(loss.numpy(), len(caught))
#> 0.77881193 0

# It is the cross-entropy of softmax(probabilities). The softmax of numbers
# between 0 and 1 is much flatter than they are: the true classes get 0.539
# and 0.391 instead of 0.9 and 0.5, and the loss moves towards log(3), the
# loss of a uniform guess over three classes.
exp = np.exp(probabilities)
twice = exp / exp.sum(axis=1, keepdims=True)
print(twice.round(3))
'''
[[0.23  0.539 0.23 ]
 [0.32  0.289 0.391]]
'''
print(f"{-np.mean(np.log(twice[[0, 1], [1, 2]])):.6f} {np.log(3):.6f}")
#> 0.778812 1.098612
