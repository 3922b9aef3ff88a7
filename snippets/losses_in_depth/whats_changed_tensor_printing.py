import keras
import numpy as np

y_true = [[0, 1, 0], [0, 0, 1]]
y_pred = [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]
loss = keras.losses.CategoricalCrossentropy()(y_true, y_pred)

# print() shows the value with its shape and dtype.
print(loss)
#> tf.Tensor(0.39925388, shape=(), dtype=float32)

# A notebook cell that ends in the loss shows repr(): TensorFlow writes the
# float32 value out as a Python float, with all the digits of its exact value.
print(repr(loss))
#> <tf.Tensor: shape=(), dtype=float32, numpy=0.39925387501716614>

# .numpy() is a NumPy float32 scalar: print() gives the shortest digits that
# identify it, and NumPy 2's repr() (what a notebook shows) names its type.
print(loss.numpy())
#> 0.39925388
print(repr(loss.numpy()))
#> np.float32(0.39925388)

# Both digit strings stand for the same float32 number.
print(np.float32(float(loss)) == np.float32(str(loss.numpy())))
#> True
print(float(loss))
#> 0.39925387501716614
