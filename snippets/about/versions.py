import keras
import matplotlib
import tensorflow as tf

# The versions this site was built with; every output on it comes from them.
print("TensorFlow", tf.__version__)
#> TensorFlow 2.21.0
print("Keras", keras.__version__)
#> Keras 3.15.1
print("Keras backend:", keras.backend.backend())
#> Keras backend: tensorflow
print("matplotlib", matplotlib.__version__)
#> matplotlib 3.11.2
