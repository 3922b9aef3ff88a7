import keras
import numpy as np

# The same relative errors, with targets in metres and in centimetres.
y_true_m = np.array([[1.0], [2.0], [3.0]])
y_pred_m = np.array([[1.3], [2.2], [5.0]])  # errors 0.3, 0.2 and 2 m
y_true_cm, y_pred_cm = 100 * y_true_m, 100 * y_pred_m

# delta is in the units of the target:
# delta=1 means 1 m here, but only 1 cm here.
per_sample = keras.losses.Huber(delta=1.0, reduction=None)
print(per_sample(y_true_m, y_pred_m).numpy().round(4))
#> [0.045 0.02  1.5  ]
print(per_sample(y_true_cm, y_pred_cm).numpy().round(4))
#> [ 29.5  19.5 199.5]
# In centimetres every error is beyond delta, so Huber is just |x| - 0.5 (L1).
# Scaling delta with the target gives back the same shape, times 100².
scaled_huber = keras.losses.Huber(delta=100.0, reduction=None)
scaled = scaled_huber(y_true_cm, y_pred_cm).numpy()
print((scaled / 100**2).round(4))
#> [0.045 0.02  1.5  ]


# PyTorch's SmoothL1Loss(beta), written from its documented formula:
def smooth_l1(y_true, y_pred, beta):
    x = np.abs(y_pred - y_true)
    return np.mean(np.where(x < beta, 0.5 * x**2 / beta, x - 0.5 * beta))


beta = 0.5
huber = keras.losses.Huber(delta=beta)
print(f"SmoothL1Loss(beta=0.5): {smooth_l1(y_true_m, y_pred_m, beta):.6f}")
#> SmoothL1Loss(beta=0.5): 0.626667
print(f"Huber(delta=0.5) / 0.5: {huber(y_true_m, y_pred_m).numpy() / beta:.6f}")
#> Huber(delta=0.5) / 0.5: 0.626667
