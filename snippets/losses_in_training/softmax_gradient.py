import keras
import numpy as np
import tensorflow as tf

cce = keras.losses.CategoricalCrossentropy(from_logits=True)


def row(values):
    return " ".join(f"{v:7.4f}" for v in values)


# One sample: three logits, and a one-hot label for the second class.
z = tf.Variable([[2.0, 1.0, -1.0]])
y = tf.constant([[0.0, 1.0, 0.0]])
with tf.GradientTape() as tape:
    loss = cce(y, z)
grad = tape.gradient(loss, z)
print("dL/dz:         ", row(grad.numpy()[0]))
#> dL/dz:           0.7054 -0.7405  0.0351
print("softmax(z) - y:", row((tf.nn.softmax(z) - y).numpy()[0]))
#> softmax(z) - y:  0.7054 -0.7405  0.0351

# A batch of two: the loss is the mean over the batch,
# so each row is divided by N = 2.
z = tf.Variable([[2.0, 1.0, -1.0], [0.5, 0.5, 3.0]])
y = tf.constant([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
with tf.GradientTape() as tape:
    loss = cce(y, z)
grad = tape.gradient(loss, z).numpy()
difference = (tf.nn.softmax(z) - y).numpy()
print(f"{'':10}{'2 * dL/dz':^23} | softmax(z) - y")
#>                  2 * dL/dz        | softmax(z) - y
for n in range(2):
    print(f"sample {n}: {row(2 * grad[n])} | {row(difference[n])}")
    #> sample 0:  0.7054 -0.7405  0.0351 |  0.7054 -0.7405  0.0351
    #> sample 1:  0.0705  0.0705 -0.1410 |  0.0705  0.0705 -0.1410
