import keras
import numpy as np
import tensorflow as tf

mse = keras.losses.MeanSquaredError()
print(mse.reduction)  # the default
#> sum_over_batch_size

# Rank 2: 4 samples with 2 outputs each.
y_true = np.zeros((4, 2), dtype="float32")
y_pred = np.array([[1, 1], [2, 0], [0, 2], [3, 3]], dtype="float32")
per_sample = keras.losses.MeanSquaredError(reduction=None)(y_true, y_pred)
print(per_sample.numpy())  # the mean over each sample's 2 outputs
#> [1. 2. 2. 9.]
total = keras.losses.MeanSquaredError(reduction="sum")(y_true, y_pred)
print(total.numpy(), mse(y_true, y_pred).numpy())  # 14, and 14 / 4 samples
#> 14.0 3.5

# Rank 3: 2 sequences of 3 time steps, one output per step.
y_true = np.zeros((2, 3, 1), dtype="float32")
y_pred = np.array([[[1], [2], [3]], [[1], [1], [0]]], dtype="float32")
per_step = keras.losses.MeanSquaredError(reduction=None)(y_true, y_pred)
print(per_step.numpy())  # one loss per sample AND time step
'''
[[1. 4. 9.]
 [1. 1. 0.]]
'''
# The default divides the sum, 16, by all 6 of them, not by the 2 samples.
print(mse(y_true, y_pred).numpy(), 16 / 6, 16 / 2)
#> 2.6666667 2.6666666666666665 8.0

# The gradient of the mean does not grow with the batch; that of the sum does.
# A bias b = 0 shared by every prediction; the same 4 targets, then twice.
b = tf.Variable(0.0)
targets = np.array([1.0, 2.0, 3.0, 4.0], dtype="float32")[:, None]
for reduction in ["sum_over_batch_size", "sum"]:
    loss = keras.losses.MeanSquaredError(reduction=reduction)
    gradients = []
    for batch in [targets, np.concatenate([targets, targets])]:
        with tf.GradientTape() as tape:
            value = loss(batch, b + tf.zeros_like(batch))
        gradients.append(float(tape.gradient(value, b)))
    print(f"{reduction:20} gradients for 4 and 8 samples: {gradients}")
    #> sum_over_batch_size  gradients for 4 and 8 samples: [-5.0, -5.0]
    #> sum                  gradients for 4 and 8 samples: [-20.0, -40.0]
