import keras
import numpy as np

# float32 logits, one of them extreme: the true class (0) is 200 below class 2.
z = np.array([[0.0, 0.0, 200.0]], dtype="float32")
one_hot = np.array([[1.0, 0.0, 0.0]])


def softmax(z):
    # A careful softmax (subtract the max first, so that exp cannot overflow).
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# exp(-200) is about 1e-87, below the smallest float32: the probability
# underflows to 0, and its logarithm is -inf.
p = softmax(z)
print(p)
#> [[0. 0. 1.]]
with np.errstate(divide="ignore"):  # log(0): no RuntimeWarning
    print(np.log(p))
    #> [[-inf -inf   0.]]

# log-softmax computed directly, z - logsumexp(z), never forms that probability.
print(keras.ops.log_softmax(z).numpy())
#> [[-200. -200.    0.]]
print((z - keras.ops.logsumexp(z, axis=-1, keepdims=True)).numpy())
#> [[-200. -200.    0.]]

# So from_logits=True gives the true loss, 200, whatever the dtype of the
# logits...
cce_logits = keras.losses.CategoricalCrossentropy(from_logits=True)
print(cce_logits(one_hot, z).numpy())
#> 200.0
print(cce_logits(one_hot, z.astype("float64")).numpy())
#> 200.0
# ...while these NumPy probabilities, given to the loss eagerly, are clipped.
print(keras.losses.CategoricalCrossentropy()(one_hot, p).numpy())
#> 16.118095
