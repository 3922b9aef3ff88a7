import keras
import numpy as np
import tensorflow as tf

# Raw scores (logits) of a last layer without softmax: two samples, three classes.
logits = np.array([[1.0, 3.0, 1.0], [0.5, 0.1, 1.0]])
labels = np.array([1, 2])
one_hot = keras.utils.to_categorical(labels, num_classes=3)

# from_logits=True applies the softmax inside the loss...
print(keras.losses.CategoricalCrossentropy(from_logits=True)(one_hot, logits).numpy())
#> 0.46961045
print(keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits).numpy())
#> 0.46961045
# ...and gives the loss of softmax probabilities with the default from_logits=False.
print(keras.losses.CategoricalCrossentropy()(one_hot, keras.ops.softmax(logits)).numpy())
#> 0.46961036

# A confident wrong answer: the true class's logit is 40 below another class's.
logits = np.array([[0.0, 0.0, 40.0]])
one_hot = np.array([[1.0, 0.0, 0.0]])
print(keras.losses.CategoricalCrossentropy(from_logits=True)(one_hot, logits).numpy())
#> 40.0
# Through probabilities, p is clipped to epsilon and the loss stops at -log(epsilon).
print(keras.losses.CategoricalCrossentropy()(one_hot, keras.ops.softmax(logits)).numpy())
#> 16.118095
# The gradients with respect to the logits: from_logits=True still pushes the true class up;
# through the clipped probability the gradient is zero, so nothing is learned from this sample.
z = tf.constant(logits)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(z)
    direct = keras.losses.CategoricalCrossentropy(from_logits=True)(one_hot, z)
    clipped = keras.losses.CategoricalCrossentropy()(one_hot, keras.ops.softmax(z))
# (+ 0.0 turns -0.0 into 0.0)
print(np.round(tape.gradient(direct, z).numpy(), 6) + 0.0)
#> [[-1.  0.  1.]]
print(np.round(tape.gradient(clipped, z).numpy(), 6) + 0.0)
#> [[0. 0. 0.]]

# The binary case: one logit per sample, no sigmoid in the model.
y_true = np.array([[0.0], [1.0]])
z = np.array([[-2.0], [2.0]])
print(keras.losses.BinaryCrossentropy(from_logits=True)(y_true, z).numpy())
#> 0.126928
print(keras.losses.BinaryCrossentropy()(y_true, keras.ops.sigmoid(z)).numpy())
#> 0.126928
